import { Component, type ReactNode } from 'react';

interface Props {
  /** Changes when the user navigates: a new screen gets a fresh try. */
  resetKey: string;
  fallback(error: unknown): ReactNode;
  onError(error: unknown): void;
  children: ReactNode;
}

interface State {
  error: unknown;
  resetKey: string;
}

/**
 * A screen whose IndexedDB read fails (a corrupt record, a closed database)
 * shows a message instead of blanking the app: the header, the language picker
 * and the other screens stay usable.
 */
export class ScreenErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error ?? new Error('unknown') };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown): void {
    this.props.onError(error);
  }

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
