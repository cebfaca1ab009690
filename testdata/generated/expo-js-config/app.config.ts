// Written for permaudit: an Expo config that is code, with no app.json beside it.
import { ExpoConfig } from 'expo/config';

const config: ExpoConfig = {
  name: 'Js Config',
  slug: 'js-config',
  android: { permissions: ['CAMERA'] },
};

export default config;
