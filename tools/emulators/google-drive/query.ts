import type { DriveItem } from './store.js';

/**
 * The subset of Drive's search-query language (developers.google.com/drive/api/guides/search-files) the
 * emulator understands: `name = '…'`, `name contains '…'`, `mimeType = | != | contains '…'`,
 * `trashed = true|false`, `'<id>' in parents`, joined with `and` / `or` / `not` and parentheses.
 * Strings are single-quoted; `\'` and `\\` escape a quote and a backslash. Anything else is a syntax error
 * (the route answers 400 Invalid Value for `q`, as Drive does for a query it cannot parse).
 */
export type Predicate = (item: DriveItem) => boolean;

export class QuerySyntaxError extends Error {}

type Token = { kind: 'string'; value: string } | { kind: 'word'; value: string } | { kind: 'op'; value: string };

const MAX_QUERY = 4096;

function tokenize(q: string): Token[] {
  if (q.length > MAX_QUERY) throw new QuerySyntaxError('query too long');
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q.charAt(i);
    if (/\s/.test(c)) i++;
    else if (c === "'") {
      let value = '';
      for (i++; ; i++) {
        if (i >= q.length) throw new QuerySyntaxError('unterminated string');
        if (q[i] === '\\' && i + 1 < q.length) value += q[++i];
        else if (q[i] === "'") break;
        else value += q[i];
      }
      i++;
      tokens.push({ kind: 'string', value });
    } else if (c === '(' || c === ')' || c === '=') {
      tokens.push({ kind: 'op', value: c });
      i++;
    } else if (c === '!' && q[i + 1] === '=') {
      tokens.push({ kind: 'op', value: '!=' });
      i += 2;
    } else {
      const word = /^[A-Za-z]+/.exec(q.slice(i))?.[0];
      if (!word) throw new QuerySyntaxError(`unexpected ${JSON.stringify(c)}`);
      tokens.push({ kind: 'word', value: word });
      i += word.length;
    }
  }
  return tokens;
}

/** `resolveId` maps Drive's `root` alias to My Drive's id. */
export function parseQuery(q: string, resolveId: (id: string) => string = (id) => id): Predicate {
  const tokens = tokenize(q);
  let at = 0;
  const peek = () => tokens[at];
  const take = () => {
    const token = tokens[at++];
    if (!token) throw new QuerySyntaxError('query ends too soon');
    return token;
  };
  const isWord = (value: string) => {
    const token = peek();
    return token?.kind === 'word' && token.value.toLowerCase() === value;
  };
  const string = () => {
    const token = take();
    if (token.kind !== 'string') throw new QuerySyntaxError('a quoted string was expected');
    return token.value;
  };

  function clause(): Predicate {
    const first = take();
    if (first.kind === 'string') {
      if (!isWord('in')) throw new QuerySyntaxError('expected `in parents`');
      take();
      if (take().value !== 'parents') throw new QuerySyntaxError('only `in parents` is supported');
      const parent = resolveId(first.value);
      return (item) => item.parents.includes(parent);
    }
    if (first.kind !== 'word') throw new QuerySyntaxError(`unexpected ${first.value}`);
    const op = take().value.toLowerCase();
    if (first.value === 'trashed' && op === '=') {
      const value = take().value;
      if (value !== 'true' && value !== 'false') throw new QuerySyntaxError('trashed = true|false');
      return (item) => item.trashed === (value === 'true');
    }
    if (first.value === 'name' || first.value === 'mimeType') {
      const field = first.value;
      const value = string();
      if (op === '=') return (item) => item[field] === value;
      if (op === '!=' && field === 'mimeType') return (item) => item[field] !== value;
      if (op === 'contains') return field === 'name' ? (item) => item.name.includes(value) : (item) => item.mimeType.includes(value);
    }
    throw new QuerySyntaxError(`unsupported term ${first.value} ${op}`);
  }

  function factor(): Predicate {
    if (isWord('not')) {
      take();
      const inner = factor();
      return (item) => !inner(item);
    }
    const next = peek();
    if (next?.kind === 'op' && next.value === '(') {
      take();
      const inner = expression();
      if (take().value !== ')') throw new QuerySyntaxError('missing )');
      return inner;
    }
    return clause();
  }

  function conjunction(): Predicate {
    const parts = [factor()];
    while (isWord('and')) {
      take();
      parts.push(factor());
    }
    return (item) => parts.every((p) => p(item));
  }

  function expression(): Predicate {
    const parts = [conjunction()];
    while (isWord('or')) {
      take();
      parts.push(conjunction());
    }
    return (item) => parts.some((p) => p(item));
  }

  const predicate = expression();
  if (at !== tokens.length) throw new QuerySyntaxError('unexpected text after the query');
  return predicate;
}
