import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQueries } from '@tanstack/react-query';
import { Calendar, Card, Flex, Select, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { articleQuery } from '../content/articles.api';
import { PUBLICATION_STATUS_COLORS, publicationStatusLabel } from '../content/PublicationStatusTag';
import { PUBLICATION_STATUSES, useAllPublications, type Publication } from '../content/publications.api';
import { useAllChannels } from '../content/publishing-channels';
import './publication-calendar.css';

const DAY_KEY = 'YYYY-MM-DD';
/** The month grid antd draws: six weeks from the week the month starts in. */
const GRID_DAYS = 42;

/** A publication's day on the calendar: when it went out, else when it is due. */
function timeOf(publication: Publication): Dayjs {
  return dayjs(publication.publishedAt ?? publication.scheduledAt ?? publication.createdAt);
}

/** The titles of the articles shown, each read once and shared with the article pages' cache. */
function useArticleTitles(articleIds: readonly number[]): Map<number, string> {
  return useQueries({
    queries: articleIds.map((id) => ({ ...articleQuery(id), staleTime: 5 * 60_000, meta: { silent: true } })),
    combine: (results) => new Map(results.flatMap((result) => (result.data ? [[result.data.id, result.data.title] as const] : []))),
  });
}

/** 发布日历: every publication on the day it went out or is due, coloured by status; a click opens the article. */
export function PublicationCalendarPage() {
  const t = useT();
  const [channelId, setChannelId] = useState<number | undefined>();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const channels = useAllChannels();
  const publications = useAllPublications(channelId);

  const channelNames = useMemo(() => new Map((channels.data ?? []).map((channel) => [channel.id, channel.name])), [channels.data]);
  const byDay = useMemo(() => {
    const days = new Map<string, Publication[]>();
    const sorted = [...(publications.data ?? [])].sort((a, b) => timeOf(a).valueOf() - timeOf(b).valueOf());
    for (const publication of sorted) {
      const key = timeOf(publication).format(DAY_KEY);
      days.set(key, [...(days.get(key) ?? []), publication]);
    }
    return days;
  }, [publications.data]);

  const gridStart = month.startOf('month').startOf('week');
  const gridEnd = gridStart.add(GRID_DAYS, 'day');
  const shownArticleIds = [
    ...new Set(
      (publications.data ?? []).filter((publication) => !timeOf(publication).isBefore(gridStart) && timeOf(publication).isBefore(gridEnd)).map((p) => p.articleId),
    ),
  ];
  const titles = useArticleTitles(shownArticleIds);

  const dayCell = (date: Dayjs) => (
    <ul className="publication-calendar-list">
      {(byDay.get(date.format(DAY_KEY)) ?? []).map((publication) => {
        const title = titles.get(publication.articleId) ?? t('calendar.article', { id: publication.articleId });
        const channel = channelNames.get(publication.channelId) ?? `#${publication.channelId}`;
        return (
          <li key={publication.id}>
            <Tooltip title={`${channel} · ${t(publicationStatusLabel(publication.status))} · ${formatDateTime(timeOf(publication).toISOString())} · ${title}`}>
              <Link to={`/content/articles/${publication.articleId}`} data-testid="calendar-publication">
                <Tag color={PUBLICATION_STATUS_COLORS[publication.status]} className="publication-calendar-tag">
                  {`${timeOf(publication).format('HH:mm')} ${title}`}
                </Tag>
              </Link>
            </Tooltip>
          </li>
        );
      })}
    </ul>
  );

  const monthCell = (date: Dayjs) => {
    const count = (publications.data ?? []).filter((publication) => timeOf(publication).isSame(date, 'month')).length;
    return count > 0 ? <Typography.Text type="secondary">{t('calendar.monthCount', { count })}</Typography.Text> : null;
  };

  return (
    <Card
      title={t('calendar.title')}
      extra={
        <Flex gap={16} align="center" wrap>
          <Space size={4} wrap>
            {PUBLICATION_STATUSES.map((status) => (
              <Tag key={status} color={PUBLICATION_STATUS_COLORS[status]}>
                {t(publicationStatusLabel(status))}
              </Tag>
            ))}
          </Space>
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('calendar.channel')}
            placeholder={t('calendar.allChannels')}
            style={{ width: 220 }}
            value={channelId}
            onChange={setChannelId}
            options={(channels.data ?? []).map((channel) => ({ value: channel.id, label: channel.name }))}
          />
        </Flex>
      }
    >
      <Calendar
        onPanelChange={(date) => setMonth(date)}
        cellRender={(date, info) => {
          if (info.type === 'date') return dayCell(date);
          if (info.type === 'month') return monthCell(date);
          return info.originNode;
        }}
      />
    </Card>
  );
}
