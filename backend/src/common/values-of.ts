/**
 * The values of a string union the code names only as a type, as a list (for an OpenAPI enum).
 * The compiler checks the list against the type: a member missing from it fails the build here,
 * and a value that is not a member does too.
 */
export function valuesOf<T extends string>() {
  return <const V extends readonly T[]>(...values: V & ([T] extends [V[number]] ? unknown : never)): V => values;
}
