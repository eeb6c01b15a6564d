import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { queryClient } from '../../app/query-client';

export type Hospital = {
  id: number;
  fullName: string;
  shortNames: string[];
  formerNames: string[];
  /** Hotlines and switchboard numbers the hospital publishes: the check never flags them as private. */
  publicPhones: string[];
  logoUrl: string | null;
  updatedAt: string;
};

export type HospitalChanges = Partial<Pick<Hospital, 'fullName' | 'shortNames' | 'formerNames' | 'publicPhones'>>;

const hospitalKey = ['hospital'] as const;

function storeHospital(hospital: Hospital): void {
  queryClient.setQueryData(hospitalKey, hospital);
}

export function useHospital() {
  return useQuery({ queryKey: hospitalKey, queryFn: () => api.get<Hospital>('/api/hospital') });
}

export function useUpdateHospital() {
  return useMutation({
    mutationFn: (changes: HospitalChanges) => api.patch<Hospital>('/api/hospital', changes),
    onSuccess: storeHospital,
  });
}

export function useUploadHospitalLogo() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.put<Hospital>('/api/hospital/logo', form);
    },
    onSuccess: storeHospital,
  });
}

export function useRemoveHospitalLogo() {
  return useMutation({
    mutationFn: () => api.delete<Hospital>('/api/hospital/logo'),
    onSuccess: storeHospital,
  });
}
