import { signedIn } from '../state/session';
import { AuthView } from './AuthView';
import { Dashboard } from './Dashboard';
import { Notices } from './Notices';

export function App() {
  return (
    <>
      {signedIn.value ? <Dashboard /> : <AuthView />}
      <Notices />
    </>
  );
}
