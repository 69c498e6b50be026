import { z } from 'zod';
import { text } from '../lib/text';

const Email = z
  .string()
  .trim()
  .max(254, 'Must be at most 254 characters')
  .pipe(z.email({ error: 'Must be a valid email address' }))
  .transform((e) => e.toLowerCase());

const Password = (min: number) =>
  z
    .string()
    .refine((s) => s.isWellFormed() && !s.includes('\0'), 'Must be valid text')
    .refine((s) => [...s].length >= min, `Must be at least ${min} characters`)
    .refine((s) => [...s].length <= 128, 'Must be at most 128 characters');

export const SignupSchema = z.object({
  email: Email,
  password: Password(8),
  name: text(0, 100)
    .transform((s) => s || null)
    .nullable()
    .optional(),
});

// Login checks only the shape: a wrong password of any length is a plain 401.
export const LoginSchema = z.object({
  email: Email,
  password: Password(1),
});
