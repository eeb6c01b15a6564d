import type { Role, Session } from '../../app/auth/session';
import type { Article } from './articles.api';

/**
 * What the server lets a user do with an article's comments (article-comment.service.ts), so the console offers only
 * that: reviewers of the current round and editors open threads, they and the author reply, the author resolves.
 */
export function commentRights(user: Pick<Session, 'id' | 'roles' | 'departmentId'>, article: Pick<Article, 'authorUserId' | 'departmentId' | 'reviewSteps'>) {
  const isAuthor = user.id === article.authorUserId;
  // An article carries the steps of its current round only.
  const reviewer =
    !isAuthor &&
    article.reviewSteps.some((step) => user.roles.includes(step.role as Role) && (step.scope === 'hospital' || user.departmentId === article.departmentId));
  const openThreads = reviewer || user.roles.includes('editor');
  return { openThreads, reply: openThreads || isAuthor, resolve: isAuthor };
}
