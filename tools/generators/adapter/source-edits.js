// @ts-check
/**
 * The small, additive edits the adapter generator makes to shared files, as pure text → text functions
 * found through the TypeScript syntax tree (so they work whatever line breaks others chose). Each is
 * idempotent: a second call with the same arguments returns the text unchanged. Nothing else in the
 * file is touched, so others' lines stay exactly as they wrote them.
 */
import ts from 'typescript';

/** @param {string} text */
function parse(text) {
  return ts.createSourceFile('edit.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** @param {ts.Expression} node */
function unwrap(node) {
  while (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/** @param {string} text @param {number} at */
function indentAt(text, at) {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/**
 * Imports `identifier` from `from` (after the last import) and appends it to the array literal
 * `export const <list> = [...]`, keeping the list's one-line or one-per-line layout.
 * @param {string} text @param {{ identifier: string, from: string, list?: string }} row
 */
export function addListRow(text, { identifier, from, list = 'adapters' }) {
  const source = parse(text);
  /** @type {ts.ArrayLiteralExpression | undefined} */
  let array;
  const imports = source.statements.filter(ts.isImportDeclaration);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer && unwrap(declaration.initializer);
      if (ts.isIdentifier(declaration.name) && declaration.name.text === list && init && ts.isArrayLiteralExpression(init)) array = init;
    }
  }
  if (!array) throw new Error(`There is no \`const ${list} = [...]\` list to add ${identifier} to; add the row by hand.`);
  let out = text;
  const elements = array.elements;
  if (!elements.some((e) => ts.isIdentifier(e) && e.text === identifier)) {
    const last = elements[elements.length - 1];
    const multiline = text.slice(array.getStart(source), array.getEnd()).includes('\n');
    if (!last) out = `${out.slice(0, array.getStart(source) + 1)}${identifier}${out.slice(array.getStart(source) + 1)}`;
    else if (multiline) {
      const indent = indentAt(text, last.getStart(source));
      const at = elements.hasTrailingComma ? text.indexOf(',', last.getEnd()) + 1 : last.getEnd();
      const insert = elements.hasTrailingComma ? `\n${indent}${identifier},` : `,\n${indent}${identifier}`;
      out = `${out.slice(0, at)}${insert}${out.slice(at)}`;
    } else {
      const at = elements.hasTrailingComma ? text.indexOf(',', last.getEnd()) + 1 : last.getEnd();
      out = `${out.slice(0, at)}${elements.hasTrailingComma ? ` ${identifier},` : `, ${identifier}`}${out.slice(at)}`;
    }
  }
  const imported = imports.some((i) => {
    const bindings = i.importClause?.namedBindings;
    return bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => e.name.text === identifier);
  });
  if (!imported) {
    const line = `import { ${identifier} } from '${from}';`;
    const at = imports.length ? imports[imports.length - 1].getEnd() : 0;
    out = at ? `${out.slice(0, at)}\n${line}${out.slice(at)}` : `${line}\n${out}`;
  }
  return out;
}

/**
 * Appends `line` (an export statement) to a barrel unless a statement re-exporting from the same
 * module is already there. @param {string} text @param {string} line
 */
export function addExportLine(text, line) {
  const from = /from\s+['"]([^'"]+)['"]/.exec(line)?.[1];
  const there = parse(text).statements.some(
    (s) => ts.isExportDeclaration(s) && !s.isTypeOnly && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === from,
  );
  if (there) return text;
  return `${text}${text.length && !text.endsWith('\n') ? '\n' : ''}${line}\n`;
}

/**
 * The string members of `type <name> = 'a' | 'b'` (the account providers a descriptor may name).
 * @param {string} text @param {string} name @returns {string[]}
 */
export function unionMembers(text, name) {
  for (const statement of parse(text).statements) {
    if (!ts.isTypeAliasDeclaration(statement) || statement.name.text !== name) continue;
    const type = statement.type;
    const parts = ts.isUnionTypeNode(type) ? type.types : [type];
    return parts.flatMap((t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? [t.literal.text] : []));
  }
  return [];
}

/**
 * The keys of the object literal `const <name> = { key: ..., ... }` (the conformance suite's TEST_NAMES).
 * @param {string} text @param {string} name @returns {string[]}
 */
export function objectKeys(text, name) {
  for (const statement of parse(text).statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer && unwrap(declaration.initializer);
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== name || !init || !ts.isObjectLiteralExpression(init)) continue;
      return init.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : []));
    }
  }
  return [];
}

/**
 * The names a module declares at its top level or imports (a new `const` must not take one of them).
 * @param {string} text @returns {Set<string>}
 */
export function declaredNames(text) {
  const found = new Set();
  for (const statement of parse(text).statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) found.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) found.add(element.name.text);
      else if (bindings) found.add(bindings.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) found.add(declaration.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      found.add(statement.name.text);
    }
  }
  return found;
}
