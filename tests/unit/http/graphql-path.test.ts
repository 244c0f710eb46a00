/** Which POSTs the GraphQL path takes from Express, and how it reads them. */
import { describe, expect, it } from 'vitest';
import { graphqlTarget } from '../../../server/src/http/graphql-path.js';

describe('graphqlTarget', () => {
  it('takes the endpoint itself, in any case, with one trailing slash, the query string kept with its ?', () => {
    expect(graphqlTarget('/graphql')).toEqual({ pathname: '/graphql', search: '' });
    expect(graphqlTarget('/graphql/')).toEqual({ pathname: '/graphql/', search: '' });
    expect(graphqlTarget('/GraphQL?x=1')).toEqual({ pathname: '/GraphQL', search: '?x=1' });
    expect(graphqlTarget('/graphql?')).toEqual({ pathname: '/graphql', search: '?' });
    expect(graphqlTarget('/graphql#frag')).toEqual({ pathname: '/graphql', search: '' });
  });

  it('reads the absolute form a forward proxy sends', () => {
    expect(graphqlTarget('http://hub.example:4000/graphql?a=b')).toEqual({ pathname: '/graphql', search: '?a=b' });
  });

  it('leaves everything else to Express, the odd forms its mount accepts included', () => {
    for (const url of ['/', '/graphqlx', '/graphql//', '/graphql/x', '/graphql;x', '//graphql', '/%67raphql', '/tiles/counties/5/26/11.mvt', '/x?/graphql', '*', 'hub.example:4000', 'http://hub.example/graphql/x']) {
      expect([url, graphqlTarget(url)]).toEqual([url, null]);
    }
  });
});
