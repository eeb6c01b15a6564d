/** The roles of domain.md; editor, leader and admin see the whole hospital, every other role its own department. */
export const roles = ['admin', 'editor', 'correspondent', 'dept_reviewer', 'leader', 'opinion_officer', 'spokesperson', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const hospitalWideRoles: readonly Role[] = ['admin', 'editor', 'leader'];

export const roleNames: Record<Role, { 'zh-CN': string; en: string }> = {
  admin: { 'zh-CN': '系统管理员', en: 'Administrator' },
  editor: { 'zh-CN': '宣传部编辑', en: 'Publicity editor' },
  correspondent: { 'zh-CN': '科室通讯员', en: 'Correspondent' },
  dept_reviewer: { 'zh-CN': '科室审核人', en: 'Department reviewer' },
  leader: { 'zh-CN': '分管领导', en: 'Leader' },
  opinion_officer: { 'zh-CN': '舆情专员', en: 'Opinion officer' },
  spokesperson: { 'zh-CN': '新闻发言人', en: 'Spokesperson' },
  viewer: { 'zh-CN': '只读用户', en: 'Viewer' },
};

export const apiTokenScopes = ['read', 'write'] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];
