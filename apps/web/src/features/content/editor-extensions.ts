import Image from '@tiptap/extension-image';
import StarterKit from '@tiptap/starter-kit';

/**
 * What an article body is made of in the editor: all of it survives the server's sanitiser
 * (apps/server/src/platform/rich-text.ts), so what the author sees is what is stored. Links open only from the
 * published page, not on a click while editing.
 */
export const articleExtensions = [StarterKit.configure({ heading: { levels: [1, 2, 3] }, link: { openOnClick: false } }), Image];
