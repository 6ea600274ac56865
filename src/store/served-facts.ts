import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The fact ids the bot last recorded as served (its change log in DATA_DIR), read without taking
 * part in the bot's writes, so `kb:check` can say what an edit would remove from the running bot.
 * Undefined when there is no store yet or it has never recorded a load.
 */
export function servedFactIds(dataDir: string, fileName = 'rare-earth-bot.sqlite'): ReadonlySet<string> | undefined {
  const file = path.join(dataDir, fileName);
  if (!fs.existsSync(file)) return undefined;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare<[], { fact_id: string }>('SELECT fact_id FROM fact_state WHERE removed_at IS NULL').all();
    return rows.length > 0 ? new Set(rows.map((row) => row.fact_id)) : undefined;
  } catch {
    // An older schema without the change log, or a store the bot holds busy: nothing to compare with.
    return undefined;
  } finally {
    db?.close();
  }
}
