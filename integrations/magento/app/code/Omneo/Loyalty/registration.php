<?php
/**
 * Omneo_Loyalty: the omneo-widgets loyalty elements on a Magento 2 (Adobe Commerce) storefront. See the
 * omneo-widgets README, "Magento 2 (Adobe Commerce)".
 */
declare(strict_types=1);

use Magento\Framework\Component\ComponentRegistrar;

ComponentRegistrar::register(ComponentRegistrar::MODULE, 'Omneo_Loyalty', __DIR__);
