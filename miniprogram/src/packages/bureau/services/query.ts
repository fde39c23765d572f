export { queryString, type QueryValue } from '../../../services/query';
