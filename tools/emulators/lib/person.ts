/**
 * Who an emulated account is: what each provider's "about me" call answers (Drive's about.user,
 * Dropbox's users/get_current_account, Graph's /me). Tests and the dashboard show these names.
 */
export interface EmulatedPerson {
  givenName: string;
  surname: string;
  email: string;
}

export const DEFAULT_PERSON: EmulatedPerson = { givenName: 'Robin', surname: 'Example', email: 'robin@example.com' };

export const displayNameOf = (person: EmulatedPerson) => `${person.givenName} ${person.surname}`;
