/**
 * The task the user last added, or moved, re-sorted or edited from its card. Focus follows a
 * card wherever its task now sorts, so the column it is in draws the card even when it lands past
 * the cards the column shows (see `Column`): a card the user acted on never drops out of sight.
 * After a reload it is the card that was at the top of the window (see `scroll-memory`).
 */
export const followed = $state({ id: '' });
