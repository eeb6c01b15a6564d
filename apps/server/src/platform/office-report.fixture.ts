import { strFromU8, unzipSync } from 'fflate';

/**
 * For tests: the pictures a .docx shows, found as Word finds them: each drawing's PNG (`a:blip`) and SVG
 * (`asvg:svgBlip`) relationship in document.xml, resolved through its relationships to the files in the package.
 */
export function docxPictures(content: Uint8Array) {
  const files = unzipSync(content);
  const attribute = (element: string, name: string) => element.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];
  const targets = new Map(
    [...strFromU8(files['word/_rels/document.xml.rels']).matchAll(/<Relationship\b[^>]*>/g)].map(([element]) => [attribute(element, 'Id'), attribute(element, 'Target')]),
  );
  const file = (id: string | undefined) => {
    const path = `word/${targets.get(id)}`;
    return { path, bytes: files[path] };
  };
  return [...strFromU8(files['word/document.xml']).matchAll(/<w:drawing>(.*?)<\/w:drawing>/gs)].map(([, drawing]) => {
    const svg = file(attribute(drawing.match(/<asvg:svgBlip\b[^>]*>/)?.[0] ?? '', 'r:embed'));
    return {
      title: attribute(drawing.match(/<wp:docPr\b[^>]*>/)?.[0] ?? '', 'title'),
      png: file(attribute(drawing.match(/<a:blip\b[^>]*>/)?.[0] ?? '', 'r:embed')),
      svg: { path: svg.path, text: svg.bytes ? strFromU8(svg.bytes) : undefined },
    };
  });
}

/** A PNG file's first eight bytes. */
export const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
