import { useMutation, useQuery } from '@tanstack/react-query';
import { api, uploadWithProgress } from '../../app/api';
import { useCurrentUser } from '../../app/auth/session';
import { useCursorList } from '../../app/cursor-list';
import { queryClient } from '../../app/query-client';

export const ASSET_KINDS = ['image', 'video', 'attachment'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
type Consent = 'none' | 'obtained';

export type Asset = {
  id: number;
  kind: AssetKind;
  departmentId: number;
  originalFilename: string;
  contentType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  url: string;
  thumbnailUrl: string | null;
  title: string;
  caption: string | null;
  tags: string[];
  credit: string | null;
  showsPatient: boolean;
  consent: Consent;
  consentObtainedBy: string | null;
  /** A calendar day, YYYY-MM-DD. */
  consentDate: string | null;
  consentScanUrl: string | null;
  /** Shows a patient without recorded consent: the article using it cannot be submitted for review. */
  consentMissing: boolean;
  uploadedBy: number;
  status: 'active' | 'archived';
  createdAt: string;
  updatedAt: string;
};

export type AssetFilters = {
  kind?: AssetKind;
  tag?: string;
  q?: string;
  departmentId?: number;
  consentMissing?: boolean;
  status?: 'active' | 'archived';
};

export type AssetChanges = Partial<Pick<Asset, 'title' | 'caption' | 'credit' | 'tags' | 'showsPatient' | 'departmentId'>>;

export type ConsentInput = { consent: 'obtained'; consentObtainedBy: string; consentDate: string; scan?: File } | { consent: 'none' };

/**
 * What the picker hands to the editor: an image as `<img src={url} alt={alt} data-asset-id={id}>`, a video with its
 * poster (`thumbnailUrl`, when the library has one), an attachment as a download link named `filename` with its size.
 */
export type PickedAsset = { id: number; url: string; alt: string; thumbnailUrl: string | null; filename: string; bytes: number };

const megabyte = 1024 * 1024;
// The server's rules, checked here first so a wrong file is refused before it is sent (the server sniffs the bytes).
// Keyed by extension: browsers do not always know the content type of Office files.
const ASSET_RULES: Record<string, { kind: AssetKind; maxBytes: number }> = {
  jpg: { kind: 'image', maxBytes: 20 * megabyte },
  jpeg: { kind: 'image', maxBytes: 20 * megabyte },
  png: { kind: 'image', maxBytes: 20 * megabyte },
  webp: { kind: 'image', maxBytes: 20 * megabyte },
  gif: { kind: 'image', maxBytes: 20 * megabyte },
  mp4: { kind: 'video', maxBytes: 200 * megabyte },
  pdf: { kind: 'attachment', maxBytes: 20 * megabyte },
  docx: { kind: 'attachment', maxBytes: 20 * megabyte },
  xlsx: { kind: 'attachment', maxBytes: 20 * megabyte },
};
export const SCAN_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png'];
const SCAN_MAX_BYTES = 20 * megabyte;

const extensionOf = (file: File) => file.name.split('.').pop()?.toLowerCase() ?? '';

/** The `accept` attribute of a file input for these kinds (all kinds when none is given). */
export function acceptedFiles(kind?: AssetKind): string {
  return Object.entries(ASSET_RULES)
    .filter(([, rule]) => !kind || rule.kind === kind)
    .map(([extension]) => `.${extension}`)
    .join(',');
}

/** Whether a chosen file may be sent: 'type' and 'size' name the rule it breaks. */
export function checkAssetFile(file: File, kind?: AssetKind): 'ok' | 'type' | 'size' {
  const rule = ASSET_RULES[extensionOf(file)];
  if (!rule || (kind && rule.kind !== kind)) return 'type';
  return file.size > rule.maxBytes ? 'size' : 'ok';
}

export function checkScanFile(file: File): 'ok' | 'type' | 'size' {
  if (!SCAN_EXTENSIONS.includes(extensionOf(file))) return 'type';
  return file.size > SCAN_MAX_BYTES ? 'size' : 'ok';
}

const assetsKey = ['assets'] as const;

function refreshAssets() {
  return queryClient.invalidateQueries({ queryKey: assetsKey });
}

export function useAssetList(filters: AssetFilters) {
  return useCursorList<Asset>([...assetsKey, 'list'], '/api/assets', filters);
}

export function useAsset(id: number | null) {
  return useQuery({ queryKey: [...assetsKey, 'one', id], queryFn: () => api.get<Asset>(`/api/assets/${id}`), enabled: id !== null });
}

/** The uploader and the publicity department (editors, administrators) change an asset, as the server allows. */
export function useMayEditAsset(asset: Asset | undefined): boolean {
  const user = useCurrentUser();
  return !!asset && (asset.uploadedBy === user.id || user.roles.some((role) => role === 'editor' || role === 'admin'));
}

export function useUploadAsset() {
  return useMutation({
    // The uploader names the file that failed itself.
    meta: { silent: true },
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (percent: number) => void }) => {
      const form = new FormData();
      form.append('file', file);
      return uploadWithProgress<Asset>('/api/assets', form, onProgress);
    },
    onSuccess: refreshAssets,
  });
}

export function useUpdateAsset() {
  return useMutation({
    mutationFn: ({ id, ...changes }: AssetChanges & { id: number }) => api.patch<Asset>(`/api/assets/${id}`, changes),
    onSuccess: refreshAssets,
  });
}

export function useRecordConsent() {
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: ConsentInput }) => {
      const form = new FormData();
      form.append('consent', input.consent);
      if (input.consent === 'obtained') {
        form.append('consentObtainedBy', input.consentObtainedBy);
        form.append('consentDate', input.consentDate);
        if (input.scan) form.append('scan', input.scan);
      }
      return api.post<Asset>(`/api/assets/${id}/consent`, form);
    },
    onSuccess: refreshAssets,
  });
}

export function useArchiveAsset() {
  return useMutation({
    mutationFn: (id: number) => api.post<Asset>(`/api/assets/${id}/archive`),
    onSuccess: refreshAssets,
  });
}
