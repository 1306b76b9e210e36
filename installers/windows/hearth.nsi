; Hearth for Windows: a per-user installer (no administrator rights), made by
; makensis from the programs CMake installs into PAYLOAD_DIR:
;   makensis -WX -DVERSION=0.1.0 -DPAYLOAD_DIR=<dir> -DOUTFILE=<setup.exe> hearth.nsi
; It installs under %LOCALAPPDATA%\Programs\Hearth with a Start-menu
; shortcut, stops a running Hearth before it replaces or removes it, and its
; uninstaller removes the login item Settings writes (HKCU ...\Run, value
; "Hearth"). The user's data in %LOCALAPPDATA%\Hearth stays unless the
; unticked "Remove my data" is chosen (or /REMOVEDATA given with /S).
Unicode true
Target amd64-unicode
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is not defined (makensis -DVERSION=x.y.z)"
!endif
!ifndef PAYLOAD_DIR
  !error "PAYLOAD_DIR is not defined (the folder with hearth-tray.exe and the rest)"
!endif
!ifndef OUTFILE
  !define OUTFILE "hearth-${VERSION}-setup.exe"
!endif

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Hearth"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"

Name "Hearth"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Hearth"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "Hearth"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "Hearth installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "The Hearth developers"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; The tray first (it would start hearthd again), then the runtime.
!macro StopHearth
  nsExec::Exec 'taskkill /F /IM hearth-tray.exe'
  Pop $0
  nsExec::Exec 'taskkill /F /IM hearthd.exe'
  Pop $0
  nsExec::Exec 'taskkill /F /IM hearth-sandbox.exe'
  Pop $0
  Sleep 500
!macroend

Section "Hearth" SecHearth
  SectionIn RO
  !insertmacro StopHearth
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\Hearth.lnk" "$INSTDIR\hearth-tray.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Hearth"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The Hearth developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\hearth-tray.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "un.Hearth" UnSecHearth
  SectionIn RO
  !insertmacro StopHearth
  Delete "$SMPROGRAMS\Hearth.lnk"
  DeleteRegValue HKCU "${RUN_KEY}" "Hearth"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  RMDir /r "$INSTDIR"
SectionEnd

Section /o "un.Remove my data (watchers, runs, logs, secrets)" UnSecData
  RMDir /r "$LOCALAPPDATA\Hearth"
SectionEnd

Function un.onInit
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/REMOVEDATA" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${UnSecData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
