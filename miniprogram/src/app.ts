import './polyfills';
import type { PropsWithChildren } from 'react';
import { installKeyboardSupport } from './platform/keyboard';
import './app.scss';

installKeyboardSupport();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
