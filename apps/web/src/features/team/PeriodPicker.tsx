import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../app/i18n/i18n';
import type { Period } from './team.api';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

export const thisYear = (): Required<Period> => ({ from: day(dayjs().startOf('year')), to: day(dayjs()) });

/** A period of calendar days with the ones an office reports on: this year, its halves, this month, last year. */
export function PeriodPicker({ value, onChange, allowClear = false }: { value: Period; onChange: (period: Period) => void; allowClear?: boolean }) {
  const t = useT();
  const year = dayjs().startOf('year');
  return (
    <DatePicker.RangePicker
      aria-label={t('team.period')}
      allowClear={allowClear}
      value={value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null}
      onChange={(range) => onChange(range?.[0] && range[1] ? { from: day(range[0]), to: day(range[1]) } : {})}
      presets={[
        { label: t('team.period.thisYear'), value: [year, dayjs()] },
        { label: t('team.period.firstHalf'), value: [year, year.month(5).endOf('month')] },
        { label: t('team.period.secondHalf'), value: [year.month(6), year.endOf('year')] },
        { label: t('team.period.thisMonth'), value: [dayjs().startOf('month'), dayjs()] },
        { label: t('team.period.lastYear'), value: [year.subtract(1, 'year'), year.subtract(1, 'day')] },
      ]}
    />
  );
}
