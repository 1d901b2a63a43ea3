; Inno Setup recipe for the Windows installer (built by .github/workflows/bundle.yml on a
; Windows runner from dist\Creditdesk, the same PyInstaller folder `make bundle` makes).
; It installs per user (no admin rights: newsroom laptops), adds a Start menu entry and
; registers "Open with Creditdesk" for JPEG, TIFF, PNG and HEIC without taking them over.
#define AppVersion GetEnv("CREDITDESK_VERSION")

[Setup]
AppId={{6E0C7F5B-3C1D-4C8E-9A55-2F0D6B1C4D21}
AppName=Creditdesk
AppVersion={#AppVersion}
AppPublisher=The Creditdesk developers
DefaultDirName={localappdata}\Programs\Creditdesk
DefaultGroupName=Creditdesk
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=Creditdesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\creditdesk.ico
LicenseFile=..\..\LICENSE
ChangesAssociations=yes
Compression=lzma2
SolidCompression=yes

[Files]
Source: "..\..\dist\Creditdesk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Creditdesk"; Filename: "{app}\Creditdesk.exe"
Name: "{userdesktop}\Creditdesk"; Filename: "{app}\Creditdesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop icon"; Flags: unchecked

[Registry]
; The program's own ProgID, and "Open with" entries for each picture type it reads.
Root: HKCU; Subkey: "Software\Classes\Creditdesk.Picture"; ValueType: string; ValueData: "Picture (Creditdesk)"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Creditdesk.Picture\DefaultIcon"; ValueType: string; ValueData: "{app}\Creditdesk.exe,0"
Root: HKCU; Subkey: "Software\Classes\Creditdesk.Picture\shell\open\command"; ValueType: string; ValueData: """{app}\Creditdesk.exe"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\.jpg\OpenWithProgids"; ValueType: string; ValueName: "Creditdesk.Picture"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.jpeg\OpenWithProgids"; ValueType: string; ValueName: "Creditdesk.Picture"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.tif\OpenWithProgids"; ValueType: string; ValueName: "Creditdesk.Picture"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.tiff\OpenWithProgids"; ValueType: string; ValueName: "Creditdesk.Picture"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.png\OpenWithProgids"; ValueType: string; ValueName: "Creditdesk.Picture"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.heic\OpenWithProgids"; ValueType: string; ValueName: "Creditdesk.Picture"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\Applications\Creditdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".jpg"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\Creditdesk.exe"; Description: "Start Creditdesk"; Flags: nowait postinstall skipifsilent
