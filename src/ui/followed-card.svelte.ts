/**
 * The task the user last moved, re-sorted or edited from its card. Focus follows its card wherever
 * the task now sorts, so the column it is in draws the card even when it lands past the cards the
 * column shows (see `Column`): a moved card never drops out of sight.
 */
export const followed = $state({ id: '' });
