import { render } from 'preact';
import { App } from './components/App';
import './components/base.css';

render(<App />, document.getElementById('app')!);
