import { describe, expect, it } from 'vitest';
import { OutputFormatError } from '../errors.js';
import { parsePlist } from './plist.js';

const wrap = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${body}\n</plist>\n`;

describe('parsePlist', () => {
  it('reads every value type Apple writes, with entities, comments and empty elements', () => {
    const value = parsePlist(
      wrap(`<!-- a comment -->
<dict>
\t<key>Name</key>\t<string>Tom &amp; Jerry&apos;s &lt;card&gt; &#233;&#x4E2D;</string>
\t<key>Size</key>\t<integer>31914983424</integer>
\t<key>Offset</key>\t<integer>-12</integer>
\t<key>Ratio</key>\t<real>0.25</real>
\t<key>Yes</key>\t<true/>
\t<key>No</key>\t<false />
\t<key>Empty</key>\t<string/>
\t<key>List</key>\t<array><string>disk4</string><array/><dict/></array>
\t<key>Blob</key>\t<data>\n\tQWZ0ZXJp\n\tbWFnZQ==\n\t</data>
\t<key>When</key>\t<date>2024-05-01T12:30:00Z</date>
</dict>`),
    );
    expect(value).toEqual({
      Name: "Tom & Jerry's <card> é中",
      Size: 31914983424,
      Offset: -12,
      Ratio: 0.25,
      Yes: true,
      No: false,
      Empty: '',
      List: ['disk4', [], {}],
      Blob: Buffer.from('Afterimage'),
      When: new Date('2024-05-01T12:30:00Z'),
    });
  });

  it('reads a bare value without the plist wrapper, and a __proto__ key as plain data', () => {
    const value = parsePlist('<dict><key>__proto__</key><string>x</string></dict>') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it.each([
    ['an unclosed dict', wrap('<dict><key>A</key><string>b</string>')],
    ['a value without a key', wrap('<dict><string>b</string></dict>')],
    ['an unknown element', wrap('<dict><key>A</key><blob>b</blob></dict>')],
    ['an integer past 2^53', wrap('<integer>99999999999999999999</integer>')],
    ['a broken date', wrap('<date>yesterday</date>')],
    ['markup inside a string', wrap('<string>a<b>c</b></string>')],
    ['text after the end', `${wrap('<true/>')}trailing`],
    ['nesting 100 deep', wrap(`${'<array>'.repeat(100)}${'</array>'.repeat(100)}`)],
    ['plain text', 'Could not find disk: disk9'],
  ])('refuses %s with an OutputFormatError', (_, text) => {
    expect(() => parsePlist(text)).toThrow(OutputFormatError);
  });
});
