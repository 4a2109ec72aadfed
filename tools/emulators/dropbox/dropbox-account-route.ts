import type { EmulatedPerson } from '../lib/person.js';
import { displayNameOf } from '../lib/person.js';
import type { EmulatorResponse } from '../lib/server.js';

/**
 * users/get_current_account (RPC, no arguments): the FullAccount of the token's owner, as Dropbox's
 * API documents it — account_id (the one the token endpoint named), name (given, surname, familiar,
 * display, abbreviated), email and email_verified, disabled, locale, referral_link, is_paired,
 * account_type (.tag basic), root_info (a user root: its namespace ids), country.
 */
export function currentAccount(accountId: string, person: EmulatedPerson): EmulatorResponse {
  return {
    status: 200,
    body: {
      account_id: accountId,
      name: {
        given_name: person.givenName,
        surname: person.surname,
        familiar_name: person.givenName,
        display_name: displayNameOf(person),
        abbreviated_name: `${person.givenName[0] ?? ''}${person.surname[0] ?? ''}`,
      },
      email: person.email,
      email_verified: true,
      disabled: false,
      locale: 'en',
      referral_link: 'https://www.dropbox.com/referrals/emulated',
      is_paired: false,
      account_type: { '.tag': 'basic' },
      root_info: { '.tag': 'user', root_namespace_id: '3235641', home_namespace_id: '3235641' },
      country: 'US',
    },
  };
}
