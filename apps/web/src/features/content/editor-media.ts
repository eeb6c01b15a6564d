import { Extension, Node } from '@tiptap/core';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import { formatFileSize } from '../../app/format';

/** A video as the body shows it: the asset library's file, with its poster when the library has one. */
export type VideoAttributes = { src: string; poster?: string | null; assetId?: string | null };

/** A file of the asset library offered for download: its address, the name it is saved as, and its size. */
export type AttachmentAttributes = { href: string; filename: string; bytes: number; assetId?: string | null };

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    video: {
      /** Puts a video where the selection is. */
      setVideo: (video: VideoAttributes) => ReturnType;
    };
    assetReferences: {
      /** Puts a download link to a file, named with its size, on a line of its own where the selection is. */
      insertAttachment: (file: AttachmentAttributes) => ReturnType;
    };
  }
}

/**
 * `<video src controls poster>`: a block of its own that is selected, moved and deleted whole. The player's controls
 * are always shown (an article's video never plays by itself); it carries no fallback text, which a reader would not
 * see but the compliance checker would read.
 */
export const Video = Node.create({
  name: 'video',
  group: 'block',
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      src: { default: null },
      controls: { default: true, parseHTML: () => true, renderHTML: () => ({ controls: '' }) },
      poster: { default: null },
      width: { default: null },
      height: { default: null },
    };
  },

  parseHTML() {
    return [{ tag: 'video[src]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['video', HTMLAttributes];
  },

  addCommands() {
    return {
      setVideo:
        ({ src, poster = null, assetId = null }) =>
        ({ chain }) =>
          chain()
            .insertContent({ type: this.name, attrs: { src, poster, assetId } })
            // Left selected, the video would be replaced by what is typed or inserted next: the cursor goes on into the
            // paragraph after it, made when there is none.
            .command(({ tr, dispatch }) => {
              const { selection } = tr;
              if (dispatch && selection instanceof NodeSelection && selection.node.type === this.type) {
                if (!tr.doc.resolve(selection.to).nodeAfter?.isTextblock) tr.insert(selection.to, tr.doc.type.schema.nodes.paragraph.create());
                tr.setSelection(TextSelection.create(tr.doc, selection.to + 1)).scrollIntoView();
              }
              return true;
            })
            .run(),
    };
  },
});

/**
 * What ties the body to the asset library: `data-asset-id` on images, videos and download links (the server checks
 * each such asset's patient consent before the article is submitted or published), and links' `download`, the name
 * an attachment is saved as.
 */
export const AssetReferences = Extension.create({
  name: 'assetReferences',

  addGlobalAttributes() {
    return [
      {
        types: ['image', 'video', 'link'],
        attributes: {
          assetId: {
            default: null,
            parseHTML: (element) => element.getAttribute('data-asset-id'),
            renderHTML: ({ assetId }) => (assetId ? { 'data-asset-id': assetId } : {}),
          },
        },
      },
      {
        types: ['link'],
        attributes: {
          download: {
            default: null,
            parseHTML: (element) => element.getAttribute('download'),
            renderHTML: ({ download }) => (download === null ? {} : { download }),
          },
        },
      },
    ];
  },

  addCommands() {
    return {
      insertAttachment:
        ({ href, filename, bytes, assetId = null }) =>
        ({ commands }) =>
          commands.insertContent({
            type: 'paragraph',
            content: [{ type: 'text', text: `${filename}（${formatFileSize(bytes)}）`, marks: [{ type: 'link', attrs: { href, download: filename, assetId } }] }],
          }),
    };
  },
});
