import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { DemoBannerComponent } from './shared/demo-banner.component';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, DemoBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<app-demo-banner /><router-outlet />',
  // The page fills the window: a banner on top, the routed page (shell or login) below it.
  styles: ':host { display: flex; flex-direction: column; height: 100vh; }',
})
export class App {}
