/*
 * How the projection sends rows: a table's rows travel as one jsonb parameter holding an array of
 * arrays, each inner array the row's values in the order of the table's columns, and the statement
 * reads them back by position (`e->>3`). Half the bytes of an array of objects (no key names), and
 * PostgreSQL finds an array element by index instead of searching an object's keys: taking rows
 * apart was most of what writing them cost, and 135,000 obligation rows took 1.4–1.9 s of the
 * database's CPU through jsonb_to_recordset, 0.8 s by position. Ragged arrays such as
 * interviewer_ids ride inside the jsonb, which unnest of a two-dimensional array could not carry
 * (and typed arrays only moved the cost into the driver, which escapes every element).
 *
 * The statements are built once, from the column lists below, and take only parameters: the names
 * are the code's own, never input.
 */

/** A column: its name (in the row objects and in the table) and its SQL type. */
export type Column<Row> = readonly [name: keyof Row & string, type: string];

export interface Table<Row> {
  name: string;
  columns: readonly Column<Row>[];
  /** The primary key, which a row written again conflicts on. */
  key: readonly (keyof Row & string)[];
  /**
   * When a row already there gives way to the new one (the stored row is `t`, the new `excluded`);
   * always when absent.
   */
  replaceWhen?: string;
}

/** What a statement needs of a table, whatever its rows. */
type TableShape = Omit<Table<Record<string, unknown>>, 'columns' | 'key'> & {
  columns: readonly (readonly [string, string])[];
  key: readonly string[];
};

/** The rows as the statements below read them. */
export function rowValues<Row>(table: Table<Row>, rows: readonly Row[]): string {
  return JSON.stringify(rows.map((row) => table.columns.map(([name]) => row[name])));
}

/**
 * `insert into <table> … select … from jsonb_array_elements($n)`: with `upsert`, a row whose key is
 * there already replaces it (when `replaceWhen` holds); without, the caller knows none is.
 */
export function insertStatement(table: TableShape, parameter: number, upsert: boolean): string {
  const names = table.columns.map(([name]) => name);
  const values = table.columns.map(([, type], index) => valueAt(index, type));
  const insert =
    `insert into ${table.name} as t (${names.join(', ')})\n` +
    `select ${values.join(', ')}\n  from jsonb_array_elements($${parameter}::jsonb) as e`;
  if (!upsert) return insert;
  const replaced = names.filter((name) => !table.key.includes(name));
  return (
    `${insert}\n on conflict (${table.key.join(', ')}) do update\n` +
    `    set ${replaced.map((name) => `${name} = excluded.${name}`).join(', ')}` +
    (table.replaceWhen ? `\n  where ${table.replaceWhen}` : '')
  );
}

/** `(t.a, t.b) is distinct from (excluded.a, excluded.b)` over every column but the key: a row that would not change is left alone. */
export function anyColumnChanged(table: Omit<TableShape, 'replaceWhen'>): string {
  const compared = table.columns.map(([name]) => name).filter((name) => !table.key.includes(name));
  return `(${compared.map((name) => `t.${name}`).join(', ')}) is distinct from (${compared.map((name) => `excluded.${name}`).join(', ')})`;
}

/** One element's value as its column's type; a JSON null is SQL null, as jsonb_to_recordset read it. */
function valueAt(index: number, type: string): string {
  const element = `e->${index}`;
  switch (type) {
    case 'jsonb':
      return `nullif(${element}, 'null')`;
    case 'text':
      return `e->>${index}`;
    case 'text[]':
      // Most such lists are empty: answered without a subquery, each of those rows is cheaper.
      return `case jsonb_typeof(${element}) when 'array' then case jsonb_array_length(${element}) when 0 then '{}'::text[] else array(select jsonb_array_elements_text(${element})) end end`;
    default:
      return `(e->>${index})::${type}`;
  }
}
