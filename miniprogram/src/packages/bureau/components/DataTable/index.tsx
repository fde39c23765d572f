import type { ReactNode } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import { pressable } from '../../../../platform/pressable';
import { tid } from '../../../../platform/testid';

export interface Column<Row> {
  key: string;
  title: string;
  render(row: Row): ReactNode;
  /** Right-aligned tabular figures. */
  numeric?: boolean;
  /** Lets long text wrap instead of widening the table. */
  wrap?: boolean;
  /** Clicking the header sorts by this key. */
  sortKey?: string;
}

export interface DataTableProps<Row> {
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey(row: Row): string;
  /** Test hook of each row: `${rowTestId}-${key}`. */
  rowTestId?: string;
  onRowClick?(row: Row): void;
  rowClass?(row: Row): string;
  sort?: { key: string; order: 'asc' | 'desc' };
  onSort?(key: string): void;
  /** A last, emphasised row (totals). */
  footer?: ReactNode[];
  testId?: string;
}

/** A plain table for a PC screen; scrolls sideways on a phone. */
export function DataTable<Row>({ columns, rows, rowKey, rowTestId = 'row', onRowClick, rowClass, sort, onSort, footer, testId }: DataTableProps<Row>) {
  return (
    <ScrollView scrollX className='btable-scroll'>
      <View className='btable' {...(testId ? tid(testId, { rows: rows.length }) : {})}>
        <View className='btable-row btable-head'>
          {columns.map((column) => {
            const sortable = Boolean(column.sortKey && onSort);
            const active = sortable && sort?.key === column.sortKey;
            return (
              <View
                key={column.key}
                className={`btable-cell ${column.numeric ? 'num' : ''} ${sortable ? 'sortable' : ''}`}
                onClick={() => sortable && onSort?.(column.sortKey!)}
                {...(sortable ? pressable({ label: `${column.title}，${active ? (sort?.order === 'asc' ? '升序' : '降序') : '点按排序'}` }) : {})}
                {...(sortable ? tid(`sort-${column.sortKey}`, { active, order: active ? sort?.order : '' }) : {})}
              >
                <Text>
                  {column.title}
                  {active ? (sort?.order === 'asc' ? ' ↑' : ' ↓') : sortable ? ' ↕' : ''}
                </Text>
              </View>
            );
          })}
        </View>
        {rows.map((row) => {
          const key = rowKey(row);
          return (
            <View
              key={key}
              className={`btable-row ${onRowClick ? 'clickable' : ''} ${rowClass?.(row) ?? ''}`}
              onClick={() => onRowClick?.(row)}
              {...(onRowClick ? pressable({ role: 'link' }) : {})}
              {...tid(`${rowTestId}-${key}`)}
            >
              {columns.map((column) => (
                <View key={column.key} className={`btable-cell ${column.numeric ? 'num' : ''} ${column.wrap ? 'wrap' : ''}`}>
                  {column.render(row)}
                </View>
              ))}
            </View>
          );
        })}
        {footer && (
          <View className='btable-row total'>
            {footer.map((cell, i) => (
              <View key={columns[i]?.key ?? i} className={`btable-cell ${columns[i]?.numeric ? 'num' : ''}`}>
                {cell}
              </View>
            ))}
          </View>
        )}
      </View>
    </ScrollView>
  );
}
