import type { ReactNode } from 'react';
import { Popover } from 'antd';

/** A box inside a positioned container, in the container's coordinates. */
export type Box = { left: number; top: number; width: number; height: number };

/** Where `target` (an element, or a text selection's range) is inside `container`, for a popover to point at it. */
export function boxWithin(target: Element | Range, container: HTMLElement): Box {
  const rect = target.getBoundingClientRect();
  const outer = container.getBoundingClientRect();
  return { left: rect.left - outer.left, top: rect.top - outer.top, width: rect.width, height: rect.height };
}

/**
 * A popover pointing at a box in the editor (a marked word, a selection) rather than at a React element: ProseMirror
 * owns that DOM. The container must be positioned; a click outside the popover closes it.
 */
export function AnchoredPopover({ at, content, onClose }: { at: Box | null; content: ReactNode; onClose: () => void }) {
  return (
    <Popover open={at !== null} content={content} trigger="click" placement="bottom" destroyOnHidden onOpenChange={(open) => !open && onClose()}>
      <span className="annotation-anchor" style={at ?? undefined} aria-hidden />
    </Popover>
  );
}
