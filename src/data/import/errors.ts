/** A file that cannot be imported, with a message for the person who chose it. */
export class ImportError extends Error {
  override name = 'ImportError';
}
