export default function Home() {
  return <main>Afterimage</main>;
}
