import { Table, type TableProps } from 'antd';
import type { CursorList } from './cursor-list';
import { LoadMoreButton } from './LoadMoreButton';

/** The table of a keyset-paginated list, rows keyed by `id`, with the load-more button below it. */
export function CursorTable<T>({
  list,
  ...tableProps
}: { list: CursorList<T> } & Omit<TableProps<T>, 'rowKey' | 'dataSource' | 'loading' | 'pagination'>) {
  return (
    <>
      <Table<T> rowKey="id" dataSource={list.items} loading={list.isLoading} pagination={false} {...tableProps} />
      <LoadMoreButton hasMore={list.hasMore} loading={list.isLoadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
