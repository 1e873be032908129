import { memberIssues } from './queue-members.js';

const known = { users: new Set([1, 2]), groups: new Set([10]) };

describe('memberIssues', () => {
  it('given users and groups of the tenant, each once, when checked then there is no issue', () => {
    expect(
      memberIssues(
        [
          { kind: 'user', id: 1 },
          { kind: 'group', id: 10 },
          { kind: 'user', id: 2 },
        ],
        known,
      ),
    ).toEqual([]);
  });

  it('given a user id used as a group id (and the reverse) when checked then each line is unknown at members.N.id', () => {
    expect(
      memberIssues(
        [
          { kind: 'group', id: 1 },
          { kind: 'user', id: 10 },
        ],
        known,
      ),
    ).toEqual([
      { field: 'members.0.id', code: 'unknown', messageKey: 'unknown_group' },
      { field: 'members.1.id', code: 'unknown', messageKey: 'unknown_user' },
    ]);
  });

  it('given the same user twice when checked then the repeat is a duplicate at members.N', () => {
    expect(
      memberIssues(
        [
          { kind: 'user', id: 1 },
          { kind: 'group', id: 10 },
          { kind: 'user', id: 1 },
        ],
        known,
      ),
    ).toEqual([{ field: 'members.2', code: 'duplicate', messageKey: 'duplicate_member' }]);
  });
});
