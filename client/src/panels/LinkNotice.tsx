/**
 * Says which parameters of the opening link were not valid and were ignored
 * (the view then shows their defaults), until dismissed: a link that silently
 * shows something else would mislead the meeting it was sent to.
 */
import { useState } from 'react';
import type { ViewParam } from '../state/view-state';

interface LinkNoticeProps {
  rejected: readonly ViewParam[];
  messages: { linkIgnored(params: readonly ViewParam[]): string; dismiss: string };
}

export function LinkNotice({ rejected, messages }: LinkNoticeProps) {
  const [dismissed, setDismissed] = useState(false);
  if (rejected.length === 0 || dismissed) return null;
  return (
    <div className="link-notice card" role="status" data-testid="link-notice">
      <span>{messages.linkIgnored(rejected)}</span>
      <button type="button" onClick={() => setDismissed(true)}>
        {messages.dismiss}
      </button>
    </div>
  );
}
