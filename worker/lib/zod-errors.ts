import { z } from 'zod';

const WHAT: Record<string, string> = {
  string: 'a string',
  boolean: 'true or false',
  number: 'a number',
  int: 'a whole number',
  object: 'a JSON object',
  array: 'a list',
};

/**
 * The words every input error uses, set once for the whole app instead of at
 * each schema: a missing field is "Required", a value of the wrong type says
 * what it must be, a value outside an enum lists what it may be. A schema's
 * own message, where it gives one, still wins.
 */
z.config({
  customError(iss) {
    if (iss.code === 'invalid_type') {
      if (iss.input === undefined) return 'Required';
      const what = WHAT[iss.expected];
      if (!what) return undefined;
      return Array.isArray(iss.input) ? `Must be ${what}, not a list` : `Must be ${what}`;
    }
    if (iss.code === 'invalid_value' && iss.values.every((v) => typeof v === 'string')) {
      return iss.input === undefined ? 'Required' : `Must be one of ${iss.values.join(', ')}`;
    }
    return undefined;
  },
});
