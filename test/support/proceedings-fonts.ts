/** The server's font source, which the tests and the bench use as it is. */
export { nodeFontSource } from '../../server/proceedings/node-font-source.js';
