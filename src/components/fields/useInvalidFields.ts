import { useState } from 'react';

/**
 * Which fields of a form hold invalid text; the form's action waits until there are none.
 * `watch(name)` is the `onError` of the field called `name`.
 */
export function useInvalidFields() {
  const [invalid, setInvalid] = useState<Record<string, boolean>>({});
  const watch = (field: string) => (message: string | null) =>
    setInvalid((m) => (m[field] === (message !== null) ? m : { ...m, [field]: message !== null }));
  return { anyInvalid: Object.values(invalid).some(Boolean), watch };
}
