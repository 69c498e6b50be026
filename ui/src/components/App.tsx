import { signedIn } from '../state/session';
import { hash, TOKENS_HASH } from '../state/tokens';
import { AuthView } from './AuthView';
import { Dashboard } from './Dashboard';
import { Notices } from './Notices';
import { Tokens } from './Tokens';

export function App() {
  const page = hash.value === TOKENS_HASH ? <Tokens /> : <Dashboard />;
  return (
    <>
      {signedIn.value ? page : <AuthView />}
      <Notices />
    </>
  );
}
