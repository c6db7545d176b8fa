/** The Vant components the mobile face uses, each with only its own styles (phones pay per byte). */
import 'vant/es/action-sheet/style/index'
import 'vant/es/badge/style/index'
import 'vant/es/empty/style/index'
import 'vant/es/button/style/index'
import 'vant/es/cell/style/index'
import 'vant/es/cell-group/style/index'
import 'vant/es/checkbox/style/index'
import 'vant/es/checkbox-group/style/index'
import 'vant/es/dialog/style/index'
import 'vant/es/field/style/index'
import 'vant/es/icon/style/index'
import 'vant/es/loading/style/index'
import 'vant/es/nav-bar/style/index'
import 'vant/es/popup/style/index'
import 'vant/es/progress/style/index'
import 'vant/es/radio/style/index'
import 'vant/es/radio-group/style/index'
import 'vant/es/rate/style/index'
import 'vant/es/search/style/index'
import 'vant/es/step/style/index'
import 'vant/es/steps/style/index'
import 'vant/es/switch/style/index'
import 'vant/es/tab/style/index'
import 'vant/es/tabbar/style/index'
import 'vant/es/tabbar-item/style/index'
import 'vant/es/tabs/style/index'
import 'vant/es/tag/style/index'
import 'vant/es/toast/style/index'
import 'vant/es/uploader/style/index'
import './vant-theme.css'

export {
  ActionSheet,
  Badge,
  Button,
  Cell,
  CellGroup,
  Checkbox,
  CheckboxGroup,
  Dialog,
  Empty,
  Field,
  Icon,
  Loading,
  NavBar,
  Popup,
  Progress,
  Radio,
  RadioGroup,
  Rate,
  Search,
  Step,
  Steps,
  Switch,
  Tab,
  Tabbar,
  TabbarItem,
  Tabs,
  Tag,
  Uploader,
  showConfirmDialog,
  showFailToast,
  showSuccessToast,
  type ActionSheetAction,
  type UploaderFileListItem,
} from 'vant'
