import { CapacitorConfig } from '@capacitor/cli';
const config: CapacitorConfig = { appId: 'com.example.cap', appName: 'Cap', webDir: 'dist' };
export default config;
