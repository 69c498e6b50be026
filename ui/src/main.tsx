import { render } from 'preact';

function Placeholder() {
  return (
    <main>
      <h1>Tasks</h1>
      <p>The API is running under <code>/api/v1</code>. The dashboard is on its way.</p>
    </main>
  );
}

render(<Placeholder />, document.getElementById('app')!);
