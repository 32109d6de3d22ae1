// The app's entry: importing 'omneo-widgets' registers the elements; configure once, before bootstrapping.
// '@angular/compiler' is for JIT compilation (no Angular CLI); an Angular CLI app compiles ahead of time and leaves
// that import out. Zoneless change detection: no zone.js.
import '@angular/compiler';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { configure } from 'omneo-widgets'; // registers every element
import { LoyaltyPanelComponent } from './loyalty-panel.component.js';

configure({ tokenEndpoint: '/omneo/token', tenant: 'example-tenant' });

bootstrapApplication(LoyaltyPanelComponent, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => console.error(error));
