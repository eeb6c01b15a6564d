import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Optional filters inside one prepared statement: `(param is null or column = param)`.
 * Hot list endpoints use this so that every combination of filters shares one plan per connection.
 */
export function equalsIfGiven(column: AnyColumn, name: string, pgType: 'int' | 'text'): SQL {
  const param = sql.placeholder(name);
  return sql`(${param}::${sql.raw(pgType)} is null or ${column} = ${param}::${sql.raw(pgType)})`;
}

export function greaterIfGiven(column: AnyColumn, name: string): SQL {
  const param = sql.placeholder(name);
  return sql`(${param}::int is null or ${column} > ${param}::int)`;
}

export function containsTextIfGiven(column: AnyColumn, name: string): SQL {
  const param = sql.placeholder(name);
  return sql`(${param}::text is null or ${column} ilike ${param}::text)`;
}
