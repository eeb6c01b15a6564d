import { Input } from 'antd';

/** A list's free-text filter: searches on enter or the button; blank text clears the filter. */
export function SearchFilter({ placeholder, onSearch }: { placeholder: string; onSearch: (q: string | undefined) => void }) {
  return <Input.Search allowClear placeholder={placeholder} style={{ width: 240 }} onSearch={(q) => onSearch(q.trim() || undefined)} />;
}
