// Photo and scan blobs waiting on the phone (IndexedDB: localStorage holds strings of a few MB at most).
// The queue (offline-queue.ts) keeps the action, in order with the others; the bytes live here under
// the same client id until the upload went through.

const DB_NAME = 'aftersales-field';
const STORE = 'files';

export type QueuedFile = { blob: Blob; fileName: string };

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result as T);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export function putFile(key: string, file: QueuedFile): Promise<void> {
  return run('readwrite', (store) => store.put(file, key));
}

export function getFile(key: string): Promise<QueuedFile | undefined> {
  return run('readonly', (store) => store.get(key));
}

export function deleteFile(key: string): Promise<void> {
  return run('readwrite', (store) => store.delete(key));
}

/** The longest side a photo keeps on the phone: enough to read a screen or a label, far less than 10 MB. */
export const MAX_PHOTO_SIDE = 1600;

/**
 * A camera photo made small before it is queued: at most 1600 px on the longer side, as JPEG. A file the
 * browser cannot decode (HEIC on most browsers) or that is already small is kept as it is.
 */
export async function downscalePhoto(file: File): Promise<Blob> {
  if (!file.type.startsWith('image/')) return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.type === 'image/jpeg' && file.size <= 1024 * 1024) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob ?? file;
  } finally {
    bitmap.close();
  }
}

/** `IMG_0001.HEIC` → `IMG_0001.jpg` once it was re-encoded. */
export function jpegName(fileName: string, blob: Blob): string {
  if (blob.type !== 'image/jpeg') return fileName;
  const dot = fileName.lastIndexOf('.');
  return `${dot > 0 ? fileName.slice(0, dot) : fileName || 'photo'}.jpg`;
}
