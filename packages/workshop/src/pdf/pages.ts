import { PDFArray, PDFName, PDFObject, PDFObjectCopier, PDFPageLeaf, PDFRef, PDFStream, type PDFContext, type PDFDict, type PDFDocument } from 'pdf-lib';
import { createBareDocument, saveDocument, type DocumentInfo } from './composer.js';

/** An object as it was serialized once, written again byte for byte. */
class SerializedObject extends PDFObject {
  constructor(private readonly bytes: Uint8Array) {
    super();
  }
  override clone(): SerializedObject {
    return this;
  }
  override toString(): string {
    return `SerializedObject(${this.bytes.length} bytes)`;
  }
  override sizeInBytes(): number {
    return this.bytes.length;
  }
  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.bytes, offset);
    return this.bytes.length;
  }
}

function serialized(object: PDFObject): SerializedObject {
  const bytes = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  return new SerializedObject(bytes);
}

/** What the first file with a given set of shared objects wrote: its objects, and where each shared source object went. */
interface Template {
  objects: [PDFRef, SerializedObject][];
  refs: Map<PDFRef, PDFRef>;
}

const contentsKey = PDFName.of('Contents');
const resourcesKey = PDFName.of('Resources');
const parentKey = PDFName.of('Parent');
const pagesKey = PDFName.of('Pages');

function contentRefs(node: PDFDict): PDFRef[] {
  const contents = node.get(contentsKey);
  if (contents instanceof PDFRef) return [contents];
  if (contents instanceof PDFArray) return contents.asArray().filter((item): item is PDFRef => item instanceof PDFRef);
  return [];
}

/**
 * Files of a few pages each, taken from one document once it is saved (the one-letter files from
 * `invitations.pdf`). The objects several pages share (their resources with the embedded fonts
 * and logo, and content streams listed on more than one page) are copied and serialized once;
 * every later file with the same shared objects gets those bytes under the same object numbers,
 * and only its own page and content are copied and written.
 */
export class PageFiles {
  private readonly uses = new Map<PDFRef, number>();
  private readonly templates = new Map<string, Template>();

  constructor(private readonly source: PDFDocument) {
    for (const page of source.getPages()) {
      for (const ref of contentRefs(page.node)) this.uses.set(ref, (this.uses.get(ref) ?? 0) + 1);
    }
  }

  /**
   * A content stream of one page only (a letter's addressee) into `context`: its bytes as the
   * source writes them, where copying would clone every operator and write them out again. A
   * stream whose dictionary refers to other objects is copied.
   */
  private copyContent(ref: PDFRef, context: PDFContext, copier: PDFObjectCopier): PDFRef {
    const stream = this.source.context.lookup(ref);
    if (stream instanceof PDFStream && !stream.dict.values().some((value) => value instanceof PDFRef)) return context.register(serialized(stream));
    return copier.copy(ref);
  }

  /** A file with metadata `info` and the source's pages at `indices`. */
  async file(info: DocumentInfo, indices: readonly number[]): Promise<Uint8Array> {
    const doc = await createBareDocument(info);
    const { context } = doc;
    const nodes = indices.map((index) => this.source.getPage(index).node);
    const shared: PDFRef[] = [];
    for (const node of nodes) {
      const resources = node.get(resourcesKey);
      if (resources instanceof PDFRef) shared.push(resources);
      for (const ref of contentRefs(node)) if ((this.uses.get(ref) ?? 0) > 1) shared.push(ref);
    }
    const key = shared.map((ref) => ref.toString()).join(',');
    const copier = PDFObjectCopier.for(this.source.context, context);
    let template = this.templates.get(key);
    if (template) {
      for (const [ref, object] of template.objects) context.assign(ref, object);
    } else {
      // Copied into this first file, then kept as bytes: the object numbers a copy gets depend
      // only on what the bare document holds and the order of `shared`, the same in every file.
      const before = context.largestObjectNumber;
      const refs = new Map(shared.map((ref) => [ref, copier.copy(ref)] as const));
      const objects = context
        .enumerateIndirectObjects()
        .filter(([ref]) => ref.objectNumber > before)
        .map(([ref, object]): [PDFRef, SerializedObject] => [ref, serialized(object)]);
      for (const [ref, object] of objects) context.assign(ref, object);
      template = { objects, refs };
      this.templates.set(key, template);
    }
    const pageTree = doc.catalog.Pages();
    const pageTreeRef = doc.catalog.get(pagesKey);
    for (const node of nodes) {
      const leaf = PDFPageLeaf.fromMapWithContext(new Map(), context);
      for (const [name, value] of node.entries()) {
        if (name === parentKey) continue;
        if (name === contentsKey) {
          leaf.set(name, context.obj(contentRefs(node).map((ref) => template.refs.get(ref) ?? this.copyContent(ref, context, copier))));
        } else {
          leaf.set(name, (value instanceof PDFRef && template.refs.get(value)) || copier.copy(value));
        }
      }
      // Appended to the page tree directly, as the composer does (see Composer.newPage).
      const ref = context.register(leaf);
      if (pageTreeRef) leaf.set(parentKey, pageTreeRef);
      pageTree.pushLeafNode(ref);
    }
    return saveDocument(doc, { objectStreams: false });
  }
}
