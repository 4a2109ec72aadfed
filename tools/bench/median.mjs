/** The middle of the values once sorted (the upper one of the two middles for an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
