// The omneo- tags typed in this app's templates (README, Vue): vue-tsc and the editor check what is bound to each
// (`:customer`, `:page-size`) and the detail of what it fires (`@omneo-wishlist-change`). Types only: nothing runs.
import type {} from 'omneo-widgets/vue';
