import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth-hooks.ts';
import { sendOfficeFile, xlsxType } from '../../platform/http/office-download.ts';
import { confirmCommendation, getCommendation, listCommendations, proposeCommendation, revokeCommendation } from './commendation.service.ts';
import { createLevel, createMember, deleteLevel, deleteMember, getMember, gridOverview, listLevels, listMembers, updateLevel, updateMember } from './grid.service.ts';
import { createRule, listRules, ruleKinds, updateRule } from './points-rules.service.ts';
import { adjustPoints, listEntries, pointsRanking, recomputePoints } from './points.service.ts';
import { commendationWorkbook, rankingWorkbook } from './team-export.service.ts';
import * as s from './team.schemas.ts';
import { addAttendees, createTraining, deleteTraining, getTraining, listTrainings, personTrainingRecord, recordAttendance, removeAttendee, updateTraining } from './training.service.ts';

const tags = ['team'];
const noContent = { 204: z.null() };

/** HTTP layer of the team module (宣传网格, 培训, 积分, 年度表彰): validate, take the caller's context, call the service. */
export function registerTeamRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  api.get('/api/team/grid/levels', { schema: { tags, summary: 'The grid’s levels, top first (the default four on first use)', response: { 200: s.levelList } } },
    async (request) => listLevels(db, contextOf(request)));
  api.post('/api/team/grid/levels', { schema: { tags, summary: 'Add a level (editors and administrators)', body: s.levelBody, response: { 201: s.levelSchema } } },
    async (request, reply) => reply.status(201).send(await createLevel(db, contextOf(request), request.body)));
  api.patch('/api/team/grid/levels/:id', { schema: { tags, summary: 'Rename, describe or move a level', params: s.idParams, body: s.levelPatch, response: { 200: s.levelSchema } } },
    async (request) => updateLevel(db, contextOf(request), request.params.id, request.body));
  api.delete('/api/team/grid/levels/:id', { schema: { tags, summary: 'Remove a level nobody is on', params: s.idParams, response: noContent } },
    async (request, reply) => {
      await deleteLevel(db, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  api.get('/api/team/grid/overview', { schema: { tags, summary: 'People per level and per department; departments without a correspondent flagged', response: { 200: s.overviewSchema } } },
    async (request) => gridOverview(db, contextOf(request)));

  api.get('/api/team/grid/members', { schema: { tags, summary: 'People in the grid (those covering one’s own department unless hospital-wide)', querystring: s.memberQuery, response: { 200: s.memberList } } },
    async (request) => listMembers(db, contextOf(request), request.query));
  api.post('/api/team/grid/members', { schema: { tags, summary: 'Put a person in the grid: level, grid roles, departments covered, since when', body: s.memberBody, response: { 201: s.memberSchema } } },
    async (request, reply) => reply.status(201).send(await createMember(db, contextOf(request), request.body)));
  api.get('/api/team/grid/members/:id', { schema: { tags, summary: 'Read a person’s place in the grid', params: s.idParams, response: { 200: s.memberSchema } } },
    async (request) => getMember(db, contextOf(request), request.params.id));
  api.patch('/api/team/grid/members/:id', { schema: { tags, summary: 'Change a person’s level, roles, departments or status', params: s.idParams, body: s.memberPatch, response: { 200: s.memberSchema } } },
    async (request) => updateMember(db, contextOf(request), request.params.id, request.body));
  api.delete('/api/team/grid/members/:id', { schema: { tags, summary: 'Take a person out of the grid', params: s.idParams, response: noContent } },
    async (request, reply) => {
      await deleteMember(db, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    });

  api.get('/api/team/trainings', { schema: { tags, summary: 'Training sessions, newest first', querystring: s.trainingQuery, response: { 200: s.trainingList } } },
    async (request) => listTrainings(db, contextOf(request), request.query));
  api.post('/api/team/trainings', { schema: { tags, summary: 'Announce a training session', body: s.trainingBody, response: { 201: s.trainingDetail } } },
    async (request, reply) => reply.status(201).send(await createTraining(db, contextOf(request), request.body)));
  api.get('/api/team/trainings/:id', { schema: { tags, summary: 'A session with its attendance list', params: s.idParams, response: { 200: s.trainingDetail } } },
    async (request) => getTraining(db, contextOf(request), request.params.id));
  api.patch('/api/team/trainings/:id', { schema: { tags, summary: 'Change a session', params: s.idParams, body: s.trainingPatch, response: { 200: s.trainingDetail } } },
    async (request) => updateTraining(db, contextOf(request), request.params.id, request.body));
  api.delete('/api/team/trainings/:id', { schema: { tags, summary: 'Delete a session nobody attended', params: s.idParams, response: noContent } },
    async (request, reply) => {
      await deleteTraining(db, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  api.post('/api/team/trainings/:id/attendees', { schema: { tags, summary: 'Put people on the attendance list', params: s.idParams, body: s.attendeesBody, response: { 200: s.trainingDetail } } },
    async (request) => addAttendees(db, contextOf(request), request.params.id, request.body.userIds));
  api.delete('/api/team/trainings/:id/attendees/:userId', { schema: { tags, summary: 'Take a person off the list (their training points are reversed)', params: s.attendeeParams, response: { 200: s.trainingDetail } } },
    async (request) => removeAttendee(db, contextOf(request), request.params.id, request.params.userId));
  api.put('/api/team/trainings/:id/attendance', { schema: { tags, summary: 'Record attendance (present, absent, excused) once the session has started; points follow', params: s.idParams, body: s.attendanceBody, response: { 200: s.trainingDetail } } },
    async (request) => recordAttendance(db, contextOf(request), request.params.id, request.body.items));
  api.get('/api/team/people/:userId/trainings', { schema: { tags, summary: 'A person’s training record', params: s.userParams, response: { 200: s.trainingRecord } } },
    async (request) => personTrainingRecord(db, contextOf(request), request.params.userId));

  api.get('/api/team/points', { schema: { tags, summary: 'Points ranking by person or department for a period (China dates, both ends included; default this year)', querystring: s.rankingQuery, response: { 200: s.rankingSchema } } },
    async (request) => pointsRanking(db, contextOf(request), request.query));
  api.get('/api/team/points/export.xlsx', { schema: { tags, summary: 'The period’s rankings and ledger lines as .xlsx', querystring: s.periodQuery } },
    async (request, reply) => sendOfficeFile(reply, await rankingWorkbook(db, contextOf(request), request.query), xlsxType, 'points.xlsx'));
  api.get('/api/team/points/entries', { schema: { tags, summary: 'The points ledger, newest first (one’s own lines unless hospital-wide)', querystring: s.entryQuery, response: { 200: s.entryList } } },
    async (request) => listEntries(db, contextOf(request), request.query));
  api.post('/api/team/points/adjustments', { schema: { tags, summary: 'A manual adjustment with its reason (editors)', body: s.adjustmentBody, response: { 201: s.entrySchema } } },
    async (request, reply) => reply.status(201).send(await adjustPoints(db, contextOf(request), request.body)));
  api.post('/api/team/points/recompute', { schema: { tags, summary: 'Derive what the ledger misses for a period and reverse what ended (idempotent)', body: s.recomputeBody, response: { 200: s.recomputeSchema } } },
    async (request) => recomputePoints(db, contextOf(request), request.body));
  api.get('/api/team/points/rule-kinds', { schema: { tags, summary: 'What rules can count, and whether each source exists yet', response: { 200: s.ruleKindList } } },
    async () => ruleKinds());
  api.get('/api/team/points/rules', { schema: { tags, summary: 'The points rules (积分办法)', querystring: s.ruleQuery, response: { 200: s.ruleList } } },
    async (request) => listRules(db, contextOf(request), request.query));
  api.post('/api/team/points/rules', { schema: { tags, summary: 'Add a points rule (editors and administrators)', body: s.ruleBody, response: { 201: s.ruleSchema } } },
    async (request, reply) => reply.status(201).send(await createRule(db, contextOf(request), request.body)));
  api.patch('/api/team/points/rules/:id', { schema: { tags, summary: 'Change a rule; entries already made keep their points', params: s.idParams, body: s.rulePatch, response: { 200: s.ruleSchema } } },
    async (request) => updateRule(db, contextOf(request), request.params.id, request.body));

  api.get('/api/team/commendations/proposal', { schema: { tags, summary: 'The year’s 优秀通讯员 proposed from the ranking (editors)', querystring: s.proposalQuery, response: { 200: s.proposalSchema } } },
    async (request) => proposeCommendation(db, contextOf(request), { ...request.query, excludeUserIds: request.query.exclude }));
  api.get('/api/team/commendations', { schema: { tags, summary: 'Confirmed commendation lists, newest year first', response: { 200: s.commendationList } } },
    async (request) => listCommendations(db, contextOf(request)));
  api.post('/api/team/commendations', { schema: { tags, summary: 'Confirm the year’s list as proposed now; it is frozen (editors)', body: s.commendationBody, response: { 201: s.commendationSchema } } },
    async (request, reply) => reply.status(201).send(await confirmCommendation(db, contextOf(request), request.body)));
  api.get('/api/team/commendations/:id', { schema: { tags, summary: 'Read a confirmed list', params: s.idParams, response: { 200: s.commendationSchema } } },
    async (request) => getCommendation(db, contextOf(request), request.params.id));
  api.delete('/api/team/commendations/:id', { schema: { tags, summary: 'Revoke a confirmed list, to confirm the year again', params: s.idParams, response: noContent } },
    async (request, reply) => {
      await revokeCommendation(db, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  api.get('/api/team/commendations/:id/export.xlsx', { schema: { tags, summary: 'The confirmed list as .xlsx', params: s.idParams } },
    async (request, reply) => sendOfficeFile(reply, await commendationWorkbook(db, contextOf(request), request.params.id), xlsxType, 'commendation.xlsx'));
}
