import { useSignal } from '@preact/signals';
import { errorText, sessionLost } from '../state/api';
import { login, signup, user } from '../state/session';
import './auth.css';

/** Log in or sign up. After a lost session it says so; the drafts wait in sessionStorage. */
export function AuthView() {
  const mode = useSignal<'login' | 'signup'>('login');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const isSignup = mode.value === 'signup';

  async function submit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const name = String(form.get('name') ?? '').trim();
    busy.value = true;
    error.value = null;
    try {
      if (isSignup) await signup({ email, password, ...(name ? { name } : {}) });
      else await login({ email, password });
    } catch (err) {
      error.value = errorText(err);
    } finally {
      busy.value = false;
    }
  }

  return (
    <main class="auth">
      <h1>Tasks</h1>
      <form class="card auth-form" onSubmit={submit} aria-labelledby="auth-title">
        <h2 id="auth-title">{isSignup ? 'Create your account' : 'Welcome back'}</h2>
        {sessionLost.value && !error.value && (
          <p class="hint" role="status">
            Your session ended. Log in again; what you were typing is kept.
          </p>
        )}
        {isSignup && (
          <label>
            Name
            <input name="name" autocomplete="name" maxLength={100} />
          </label>
        )}
        <label>
          Email
          <input
            name="email"
            type="email"
            autocomplete="email"
            required
            defaultValue={sessionLost.value ? user.value?.email : undefined}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autocomplete={isSignup ? 'new-password' : 'current-password'}
            minLength={isSignup ? 8 : undefined}
            maxLength={128}
            required
          />
        </label>
        {error.value && (
          <p class="error" role="alert">
            {error.value}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy.value}>
          {isSignup ? 'Sign up' : 'Log in'}
        </button>
        <p class="switch">
          {isSignup ? 'Already have an account?' : 'New here?'}{' '}
          <button
            type="button"
            class="link"
            onClick={() => {
              mode.value = isSignup ? 'login' : 'signup';
              error.value = null;
            }}
          >
            {isSignup ? 'Use an existing account' : 'Create an account'}
          </button>
        </p>
      </form>
    </main>
  );
}
