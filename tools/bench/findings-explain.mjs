// Why a findings page is slow: runs FindingsRepo.page once with the connection's `prepare` wrapped, so
// every statement it runs (the count, the page) is caught with its parameters and timed alone, then
// asks SQLite for each one's plan (EXPLAIN QUERY PLAN). The repo's SQL is not copied here: it is what
// the built agent runs.
const shorten = (sql) => sql.replace(/\s+/g, ' ').trim();

/** [{ what: 'count' | 'page', ms, sql, plan: ['SEARCH findings USING INDEX …', …] }] */
export function explainPage({ db, findings }, request) {
  const caught = [];
  const prepare = db.prepare;
  db.prepare = (sql) => {
    const statement = prepare.call(db, sql);
    const run = (method) => (...params) => {
      const started = performance.now();
      const result = statement[method](...params);
      caught.push({ sql, params, ms: performance.now() - started });
      return result;
    };
    return { get: run('get'), all: run('all') };
  };
  try {
    findings.page(request);
  } finally {
    delete db.prepare; // the own property set above; better-sqlite3's prepare is the prototype's
  }
  return caught.map(({ sql, params, ms }) => ({
    what: /^\s*SELECT COUNT/i.test(sql) ? 'count' : 'page',
    ms,
    sql: shorten(sql),
    plan: db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((row) => row.detail),
  }));
}
