/**
 * Stock figures derived from the ledger, as SQL fragments shared by the repositories
 * that read them. The tenant is always parameter $1.
 */

/** On hand per product: the sum of the ledger, never a stored counter. */
export const ON_HAND_BY_PRODUCT = `(SELECT product_id, SUM(quantity) AS on_hand FROM stock_transactions WHERE tenant_id = $1 GROUP BY product_id)`;

/** The latest moving average cost per product. */
export const LATEST_COST_BY_PRODUCT = `(SELECT product_id, avg_cost_after AS average_cost FROM (
    SELECT product_id, avg_cost_after, ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY seq DESC) AS rn
    FROM stock_transactions WHERE tenant_id = $1) latest WHERE rn = 1)`;

/** On hand and latest average cost of just the products in `ids` (a SQL list or subquery). */
export const stockOf = (ids: string) => `(
  SELECT product_id, SUM(quantity) AS on_hand, MAX(CASE WHEN rn = 1 THEN avg_cost_after END) AS average_cost
  FROM (SELECT product_id, quantity, avg_cost_after, ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY seq DESC) AS rn
        FROM stock_transactions WHERE tenant_id = $1 AND product_id IN ${ids}) t
  GROUP BY product_id)`;
